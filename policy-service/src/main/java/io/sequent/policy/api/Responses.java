package io.sequent.policy.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.sequent.policy.service.Written;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** Response building shared by the resources: ETags and the snapshot version a change made. */
final class Responses {

    /** The snapshot version a committed change produced (or the current one, when nothing changed). */
    static final String POLICY_VERSION = "Sequent-Policy-Version";

    private Responses() {
    }

    static Response ok(Written<?> written) {
        return Response.ok(written.body()).tag(etag(written.version()))
                .header(POLICY_VERSION, written.snapshotVersion()).build();
    }

    /** For collections reordered as a whole: no ETag of their own. */
    static Response okUntagged(Written<?> written) {
        return Response.ok(written.body()).header(POLICY_VERSION, written.snapshotVersion()).build();
    }

    static Response created(String location, Written<?> written) {
        return Response.created(URI.create(location)).entity(written.body()).tag(etag(written.version()))
                .header(POLICY_VERSION, written.snapshotVersion()).build();
    }

    static Response deleted(long snapshotVersion) {
        return Response.noContent().header(POLICY_VERSION, snapshotVersion).build();
    }

    static Response tagged(Object body, long version) {
        return Response.ok(body).tag(etag(version)).build();
    }

    static EntityTag etag(long version) {
        return new EntityTag(Long.toString(version));
    }

    static String actor(SecurityIdentity identity) {
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }
}
