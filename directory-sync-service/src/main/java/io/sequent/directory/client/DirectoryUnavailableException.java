package io.sequent.directory.client;

/** The directory could not be reached or did not answer in time: nothing can be concluded about any user. */
public class DirectoryUnavailableException extends RuntimeException {
    public DirectoryUnavailableException(String message) {
        super(message);
    }
}
