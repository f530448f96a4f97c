-- The incremental high-water mark of a directory without uSNChanged (not AD): "entryCSN:<instant>" or
-- "modifyTimestamp:<instant>", the newest change an import saw minus an overlap.
alter table directory add column change_mark text;
