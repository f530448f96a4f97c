-- The users factor-service knows of, from sequent.directory.users (newest version wins).
create table factor_user (
    user_id     uuid primary key,
    version     bigint      not null,
    source      text        not null,
    status      text        not null,
    username    text        not null,
    updated_at  timestamptz not null
);

-- One enrollment of one factor by one user. Secrets are sealed with AES-256-GCM (secret, secret_key_id);
-- passwords and answers are only hashed (verifier, Argon2id PHC string).
create table factor (
    id              uuid primary key,
    user_id         uuid        not null,
    factor_type     text        not null,
    provider        text        not null,
    status          text        not null,
    display         text,
    question        text,
    secret_key_id   text,
    secret          bytea,
    verifier        text,
    last_totp_step  bigint,
    version         bigint      not null,
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    constraint factor_status_check check (status in ('PENDING_ACTIVATION', 'ACTIVE', 'INACTIVE'))
);

create index factor_user_idx on factor (user_id);
-- at most one live enrollment per user and factor type
create unique index factor_live_type_uq on factor (user_id, factor_type) where status <> 'INACTIVE';
