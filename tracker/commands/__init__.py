"""The commands of `tracker`, by what they do to the store.

`MODULES` says which module holds each command (in the order help lists
them), so running one command imports only its module.
"""

MODULES: dict[str, str] = {
    "record": "writing",
    "import": "writing",
    "retract": "writing",
    "correct": "writing",
    "rebuild": "writing",
    "status": "reading",
    "replay": "reading",
    "history": "reading",
    "show": "reading",
    "explain": "reading",
    "tenures": "reading",
    "check": "reading",
    "types": "reading",
    "export": "exporting",
    "chart": "analysis",
    "diff": "analysis",
    "draft": "drafting",
}
