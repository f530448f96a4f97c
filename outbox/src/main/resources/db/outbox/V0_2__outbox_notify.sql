-- Wake the relays when an event is queued. NOTIFY is delivered when the transaction commits, and
-- not at all when it rolls back, so a relay never looks for a row it cannot see yet.
create function outbox_message_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('sequent_outbox', '');
    return null;
end;
$$;
create trigger outbox_message_queued after insert on outbox_message
    for each statement execute function outbox_message_notify();
