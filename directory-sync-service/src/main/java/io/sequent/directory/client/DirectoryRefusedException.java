package io.sequent.directory.client;

/** The directory answered, but refused the configuration: service bind rejected, base DN missing, bad filter. */
public class DirectoryRefusedException extends RuntimeException {
    public DirectoryRefusedException(String message) {
        super(message);
    }
}
