package org.guardianportal.benchmark;

/**
 * One line of the report. Throughputs are per second; for a search, {@code wallSeconds} is the p95 latency and the
 * ratio is the store's p95 over the product's (1.0 = as fast as the store itself).
 *
 * @param limitText what the limit is, measured in the same run
 * @param ratio scenario over limit (or null where there is no limit)
 * @param target the target, in words
 * @param met whether the target holds
 */
record Result(String id, String scenario, String size, String wall, String throughput, String limitText,
        Double ratio, String target, boolean met, String note) {
}
