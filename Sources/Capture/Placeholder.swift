// Placeholder: the Capture module is being written; see ARCHITECTURE.md.
