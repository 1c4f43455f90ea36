"""Tables drawn without rules, in text PDFs: header -> columns -> rows -> cell rectangles."""
