package io.sequent.policy.service;

/** The result of a committed change: the resource as now stored, its ETag version, and the snapshot it made. */
public record Written<T>(T body, long version, long snapshotVersion) {
}
