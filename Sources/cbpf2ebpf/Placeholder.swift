// Placeholder: the cbpf2ebpf module is being written; see ARCHITECTURE.md.
