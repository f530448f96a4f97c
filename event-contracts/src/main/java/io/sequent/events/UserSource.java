package io.sequent.events;

/** Where a user lives: created in Sequent, or imported from a directory. */
public enum UserSource {
    LOCAL,
    DIRECTORY
}
