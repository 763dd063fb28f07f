-- Prints one machine-readable line after a wrk run: requests/s and latency percentiles in microseconds.
done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout
  io.write(string.format("RESULT rps=%.1f p50=%d p95=%d p99=%d requests=%d errors=%d\n",
    summary.requests / seconds, latency:percentile(50), latency:percentile(95), latency:percentile(99), summary.requests, errors))
end
