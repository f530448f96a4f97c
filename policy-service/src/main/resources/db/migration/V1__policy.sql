-- The admin's policy configuration. Every committed change takes the lock on policy_state (one
-- row), bumps snapshot_version, stores the compiled snapshot, an audit entry and a policy.changed
-- outbox row in the same transaction. Lists and maps are JSON text, read and written whole.

create table policy_state (
    id               int         primary key check (id = 1),
    env_mfa_mode     text        not null check (env_mfa_mode in ('NO', 'YES', 'OPTIONAL')),
    env_mfa_methods  text        not null default '[]',
    env_version      bigint      not null,
    snapshot_version bigint      not null
);
insert into policy_state (id, env_mfa_mode, env_mfa_methods, env_version, snapshot_version)
values (1, 'NO', '[]', 1, 0);

-- the factor type catalogue; only password is active until an admin activates the others
create table factor_type (
    type     text    primary key,
    position int     not null unique,
    active   boolean not null,
    version  bigint  not null
);
insert into factor_type (type, position, active, version) values
    ('password', 1, true, 1),
    ('token:software:totp', 2, false, 1),
    ('push', 3, false, 1),
    ('sms', 4, false, 1),
    ('call', 5, false, 1),
    ('email', 6, false, 1),
    ('question', 7, false, 1),
    ('webauthn', 8, false, 1);

create table org (
    id                         text        primary key,
    code                       text        not null,
    name                       text        not null,
    mfa_enforced               boolean     not null default false,
    -- null: the environment's methods
    mfa_methods                text,
    mfa_exempt_roles           text        not null default '[]',
    mfa_exempt_connections     text        not null default '[]',
    enforce_pwd_expiry_wo_pwd  boolean     not null default false,
    -- when the org started using org-level MFA (S12), null while it does not
    mfa_in_use_since           timestamptz,
    version                    bigint      not null,
    created_at                 timestamptz not null,
    updated_at                 timestamptz not null
);
create unique index org_code on org (lower(code));

create table enterprise_connection (
    id        text   primary key,
    name      text   not null,
    kind      text   not null check (kind in ('IDP', 'IWA', 'SAML', 'OIDC')),
    org_id    text   references org (id),
    issuer    text,
    jwks_url  text,
    audience  text,
    version   bigint not null
);

create table enrollment_policy (
    id       text   primary key,
    name     text   not null,
    priority int    not null,
    groups   text   not null default '[]',
    orgs     text   not null default '[]',
    -- {"sms": "REQUIRED", ...}
    factors  text   not null default '{}',
    version  bigint not null
);

create table sign_on_policy (
    id       text   primary key,
    name     text   not null,
    type     text   not null check (type in ('ORG', 'APP')),
    app_id   text,
    priority int    not null,
    groups   text   not null default '[]',
    version  bigint not null,
    check ((type = 'APP') = (app_id is not null))
);

create table sign_on_rule (
    id         text   primary key,
    policy_id  text   not null references sign_on_policy (id) on delete cascade,
    name       text   not null,
    priority   int    not null,
    conditions text   not null,
    actions    text   not null,
    version    bigint not null
);
create index sign_on_rule_policy on sign_on_rule (policy_id);

-- every compiled snapshot, so GET /policy-snapshot and the audit can name a version
create table policy_snapshot (
    version     bigint      primary key,
    compiled_at timestamptz not null,
    body        text        not null
);

create table audit_entry (
    id               bigint      generated always as identity primary key,
    at               timestamptz not null,
    actor            text        not null,
    action           text        not null,
    target_type      text        not null,
    target_id        text        not null,
    before_state     text,
    after_state      text,
    snapshot_version bigint      not null
);
create index audit_entry_target on audit_entry (target_type, target_id);
