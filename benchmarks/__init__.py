"""Benchmarks: measurements run by hand (make bench-*), not tests; they assert nothing."""
