-- The transactional outbox: an event row is written in the same transaction as the change it
-- describes; the relay publishes rows in seq order and deletes them once the broker acknowledged.
create table outbox_message (
    seq         bigint generated always as identity,
    id          uuid        not null primary key,
    topic       text        not null,
    message_key text        not null,
    event_type  text        not null,
    payload     text        not null,
    created_at  timestamptz not null default now()
);
create unique index outbox_message_seq on outbox_message (seq);
