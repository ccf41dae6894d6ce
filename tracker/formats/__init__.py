"""Exchange and analyst formats: CSV, TimelineJS, the panel."""
