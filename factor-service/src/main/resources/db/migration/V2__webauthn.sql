-- WebAuthn credentials: the id the authenticator chose, its COSE public key (CBOR), the AAGUID it reported, its
-- signature counter and the attestation format it registered with. Public data: not sealed.
alter table factor
    add column webauthn_credential_id bytea,
    add column webauthn_public_key    bytea,
    add column webauthn_aaguid        uuid,
    add column webauthn_sign_count    bigint,
    add column webauthn_format        text;

-- A user may hold several WebAuthn authenticators (Okta allows it), but only one enrollment of them pending at a time;
-- every other type stays at one live enrollment per user.
drop index factor_live_type_uq;
create unique index factor_live_type_uq on factor (user_id, factor_type) where status <> 'INACTIVE' and factor_type <> 'webauthn';
create unique index factor_pending_webauthn_uq on factor (user_id) where status = 'PENDING_ACTIVATION' and factor_type = 'webauthn';
-- one credential belongs to one live factor
create unique index factor_webauthn_credential_uq on factor (webauthn_credential_id)
    where status <> 'INACTIVE' and webauthn_credential_id is not null;
