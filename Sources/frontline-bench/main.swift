// STUB: replaced by the benchmark work.
print("frontline-bench: not written yet")
