-- The version of the user's factor set: every factor.* event that changes a factor (all but factor.locked) adds one
-- to it in the transaction of the change, and carries it with the user's ACTIVE factors after the change. A
-- consumer (auth-flow's read model) keeps the set of the highest version it has seen, and the internal list answers
-- it (Sequent-Factors-Version), so a copy can tell whether it is current. The UPDATE locks the user's row: two
-- changes of one user's factors take their versions, and their events the outbox, in the order they commit.
alter table factor_user
    add column factors_version bigint not null default 0;
