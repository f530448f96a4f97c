-- Directories: an LDAP/AD connection (bind secret sealed with AES-256-GCM under a key id), the
-- attribute/group/OU mapping (JSON), the import schedule, and the incremental high-water mark.
create table directory (
    id                       uuid        primary key,
    version                  bigint      not null,
    name                     text        not null,
    url                      text        not null,
    bind_dn                  text        not null,
    bind_secret              bytea       not null,
    bind_secret_key_id       text        not null,
    base_dn                  text        not null,
    user_filter              text        not null,
    scope_ous                text        not null default '[]',
    connect_timeout_ms       integer     not null,
    response_timeout_ms      integer     not null,
    pool_size                integer     not null,
    mapping                  text        not null,
    incremental_interval_s   integer     not null,
    full_interval_s          integer     not null,
    schedule_enabled         boolean     not null,
    live_status_enabled      boolean     not null,
    live_status_unreachable  text        not null check (live_status_unreachable in ('LAST_IMPORTED', 'REFUSE')),
    high_water_usn           bigint,
    last_full_at             timestamptz,
    last_incremental_at      timestamptz,
    created_at               timestamptz not null,
    updated_at               timestamptz not null
);
create unique index directory_name on directory (lower(name));

-- Imports: one running per directory at a time (the partial unique index is the lock, across replicas).
create table directory_import (
    id            uuid        primary key,
    directory_id  uuid        not null references directory (id),
    kind          text        not null check (kind in ('FULL', 'INCREMENTAL', 'USER')),
    trigger       text        not null check (trigger in ('MANUAL', 'SCHEDULED')),
    state         text        not null check (state in ('RUNNING', 'SUCCEEDED', 'FAILED')),
    users_seen    integer     not null default 0,
    users_changed integer     not null default 0,
    users_deleted integer     not null default 0,
    errors        integer     not null default 0,
    detail        text,
    started_at    timestamptz not null,
    heartbeat_at  timestamptz not null,
    finished_at   timestamptz
);
create unique index directory_import_running on directory_import (directory_id) where state = 'RUNNING';
create index directory_import_recent on directory_import (directory_id, started_at desc);

alter table directory_user add column dn text;
alter table directory_user add constraint directory_user_directory foreign key (directory_id) references directory (id);
create index directory_user_by_directory on directory_user (directory_id, id) where directory_id is not null;

-- When the last import ended, successful or not: a failing directory is retried once per incremental
-- interval instead of at every scheduler tick.
alter table directory add column last_attempt_at timestamptz;

-- An admin may disable an imported user in Sequent whatever the directory says; imports keep it.
alter table directory_user add column status_override text check (status_override in ('DISABLED'));
