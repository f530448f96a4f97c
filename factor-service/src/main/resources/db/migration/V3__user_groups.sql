-- What the enrollment policy targets (S11): the user's groups and org memberships, as JSON arrays of strings.
-- Rows stored before this migration get empty lists until the user's next change on the users topic.
alter table factor_user
    add column groups         text not null default '[]',
    add column org_ids        text not null default '[]',
    add column default_org_id text;
