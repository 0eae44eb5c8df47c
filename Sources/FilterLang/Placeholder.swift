// Placeholder: the FilterLang module is being written; see ARCHITECTURE.md.
