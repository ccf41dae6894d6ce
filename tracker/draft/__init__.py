"""The drafter: from a news report's plain text to candidate events for review.

Nothing here writes to the store. `draft(text, published)` reads the report
(`sentences`), finds the actions its sentences state with the trigger table
(`triggers`, `phrases`), names the states (`names`, `roles`), dates each action
against the publication day (`dates`), reads each type's own fields (`fields`),
merges restatements into one candidate each (`assemble`), and checks the store
for duplicates, known envoys and denied claims (`known`).
"""

from tracker.draft.known import Known
from tracker.draft.report import Candidate, Draft, draft

__all__ = ["Candidate", "Draft", "Known", "draft"]
