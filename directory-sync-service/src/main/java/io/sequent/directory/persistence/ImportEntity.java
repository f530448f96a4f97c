package io.sequent.directory.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One import run of a directory: its progress while RUNNING, its outcome after. */
@Entity
@Table(name = "directory_import")
public class ImportEntity extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "directory_id", nullable = false)
    public UUID directoryId;
    @Column(nullable = false)
    public String kind;
    @Column(nullable = false)
    public String trigger;
    @Column(nullable = false)
    public String state;
    @Column(name = "users_seen", nullable = false)
    public int usersSeen;
    @Column(name = "users_changed", nullable = false)
    public int usersChanged;
    @Column(name = "users_deleted", nullable = false)
    public int usersDeleted;
    @Column(nullable = false)
    public int errors;
    public String detail;
    @Column(name = "started_at", nullable = false)
    public Instant startedAt;
    @Column(name = "heartbeat_at", nullable = false)
    public Instant heartbeatAt;
    @Column(name = "finished_at")
    public Instant finishedAt;
}
