"""Layer 2: pure computation on frames (strikes, aid, statistics); never opens files or draws."""
