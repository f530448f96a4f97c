-- The user directory: local users and users imported from a directory. Every change bumps version
-- and writes a directory.user.* event to the outbox in the same transaction.
create table directory_user (
    id                   uuid        primary key,
    version              bigint      not null,
    source               text        not null check (source in ('LOCAL', 'DIRECTORY')),
    directory_id         uuid,
    external_id          text,
    username             text        not null,
    email                text,
    first_name           text,
    last_name            text,
    display_name         text,
    status               text        not null check (status in ('ACTIVE', 'DISABLED', 'LOCKED_OUT', 'DELETED')),
    password_expired     boolean     not null default false,
    password_must_change boolean     not null default false,
    password_expires_at  timestamptz,
    account_expires_at   timestamptz,
    default_org_id       text,
    -- JSON: [{"orgId": "...", "roles": ["..."]}] and ["group", ...], read and written whole with the user
    memberships          text        not null default '[]',
    groups               text        not null default '[]',
    created_at           timestamptz not null,
    updated_at           timestamptz not null
);
-- a username names one live user, whatever its case
create unique index directory_user_username on directory_user (lower(username)) where status <> 'DELETED';
create unique index directory_user_external on directory_user (directory_id, external_id) where external_id is not null;
