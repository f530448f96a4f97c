package io.sequent.bench.load;

/** Where the services listen and the admin client the setup uses. */
record Endpoints(String authFlow, String policy, String factor, String directory, String adminClient, String adminSecret) {
}
