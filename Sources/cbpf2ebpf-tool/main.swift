print("cbpf2ebpf: not yet wired")
