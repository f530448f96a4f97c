package io.sequent.policy.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A compiled snapshot as published (the {@code policy.changed} data), kept per version. */
@Entity
@Table(name = "policy_snapshot")
public class SnapshotEntity {

    @Id
    public long version;

    @Column(name = "compiled_at", nullable = false)
    public Instant compiledAt;

    @Column(nullable = false)
    public String body;
}
