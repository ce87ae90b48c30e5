"""Layer 1: bytes to typed, validated frames (bundled datasets, raw upstream files, releases)."""
