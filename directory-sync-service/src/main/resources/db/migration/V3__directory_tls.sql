-- TLS per directory: the CA certificate(s) (PEM) that LDAPS and StartTLS trust instead of the JVM's trust
-- store, StartTLS on an ldap:// URL, and whether the server's certificate must name the host connected to.
alter table directory add column ca_certificate text;
alter table directory add column start_tls boolean not null default false;
alter table directory add column tls_verify_hostname boolean not null default true;
