package io.sequent.authflow.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.sequent.authflow.client.NeighbourRejected;
import io.sequent.authflow.client.NeighbourUnavailable;
import io.sequent.authflow.domain.policy.Cidr;
import io.sequent.authflow.domain.policy.Decision;
import io.sequent.authflow.domain.policy.FlowPlan;
import io.sequent.authflow.domain.policy.Reason;
import io.sequent.authflow.domain.policy.RequestContext;
import io.sequent.authflow.persistence.PolicySnapshots;
import io.sequent.authflow.persistence.UserReadModel;
import io.sequent.authflow.service.PolicySimulation;
import io.sequent.events.UserSnapshot;
import io.sequent.events.policy.PolicySnapshot;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * S11 for admins (role {@code admin}): the simulation of one sign-in and the dry run of a proposed
 * policy snapshot. auth-flow serves them because it holds the users, their enrollments (through
 * factor-service) and the evaluator that sign-in itself uses. Bad input: RFC 9457 problem details.
 */
@Path("/api/v1/policies")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
@Tag(name = "Policy simulation")
@SecurityRequirement(name = "bearer")
public class PolicyResource {

    static final int DEFAULT_PAGE = 100;
    static final int MAX_PAGE = 500;

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SimulateRequest(String userId, String username, String orgId, String connectionId, String appId,
                                  String ip, Boolean warnBeforePasswordExpired) {
    }

    /** {@code proposed}: a full compiled snapshot as policy-service publishes it; {@code cursor} from the last page. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record DryRunRequest(PolicySnapshot proposed, String orgId, String connectionId, String appId, String ip,
                                String cursor, Integer limit, List<String> userIds) {
    }

    private final PolicySimulation simulation;
    private final PolicySnapshots policies;
    private final UserReadModel users;

    public PolicyResource(PolicySimulation simulation, PolicySnapshots policies, UserReadModel users) {
        this.simulation = simulation;
        this.policies = policies;
        this.users = users;
    }

    @POST
    @Path("/simulate")
    @Operation(summary = "Simulate a sign-in (S11)",
            description = "Body: userId or username, and optionally orgId, connectionId, appId, ip. Answers the decision "
                    + "(ALLOWED, REFUSED with its reason, LOCKED_OUT), the rule that matched, the chains, MFA and its "
                    + "methods, what may be enrolled, and every rule that fired with why, in order. 404 problem for an "
                    + "unknown user; 503 problem when no policy snapshot has arrived or factor-service cannot answer.")
    public Uni<Map<String, Object>> simulate(SimulateRequest body) {
        if (body == null) {
            throw ProblemException.badRequest("a body with userId or username is required");
        }
        if (blank(body.userId()) && blank(body.username())) {
            throw ProblemException.invalid("/userId", "userId or username is required");
        }
        RequestContext context = context(body.orgId(), body.connectionId(), body.appId(), body.ip(),
                Boolean.TRUE.equals(body.warnBeforePasswordExpired()));
        PolicySnapshot snapshot = current();
        Uni<Optional<UserSnapshot>> user = !blank(body.userId()) ? users.findById(body.userId().strip())
                : users.findByUsername(body.username().strip());
        return user.flatMap(found -> {
            UserSnapshot u = found.orElseThrow(() -> ProblemException.notFound("user " + (blank(body.userId())
                    ? body.username() : body.userId())));
            return neighbour(simulation.simulate(u, context, snapshot)).map(decision -> {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("userId", u.userId());
                out.put("username", u.username());
                out.put("snapshotVersion", snapshot.version());
                out.putAll(decision(decision));
                return out;
            });
        });
    }

    @POST
    @Path("/dry-run")
    @Operation(summary = "Dry run of a proposed policy snapshot (S11)",
            description = "Compares every user's decision under the current snapshot with the proposed one (same user, "
                    + "enrollments and context) and lists those who would lose (or gain) sign-in or whose MFA changes. "
                    + "Users are walked page by page: pass the answer's cursor back until it is null. limit 1..500 "
                    + "(default 100) is how many users a page looks at. userIds (1..500): only those users, one page.")
    public Uni<Map<String, Object>> dryRun(DryRunRequest body) {
        if (body == null || body.proposed() == null) {
            throw ProblemException.invalid("/proposed", "a proposed policy snapshot is required");
        }
        int limit = body.limit() == null ? DEFAULT_PAGE : body.limit();
        if (limit < 1 || limit > MAX_PAGE) {
            throw ProblemException.invalid("/limit", "must be between 1 and " + MAX_PAGE);
        }
        String cursor = blank(body.cursor()) ? "0" : body.cursor().strip();
        if (!cursor.matches("\\d{1,20}")) {
            throw ProblemException.invalid("/cursor", "must be the cursor a previous page answered");
        }
        if (body.userIds() != null && (body.userIds().isEmpty() || body.userIds().size() > MAX_PAGE
                || body.userIds().stream().anyMatch(id -> blank(id) || id.length() > 128))) {
            throw ProblemException.invalid("/userIds", "must hold 1 to " + MAX_PAGE + " user ids");
        }
        RequestContext context = context(body.orgId(), body.connectionId(), body.appId(), body.ip(), false);
        PolicySnapshot snapshot = current();
        var run = body.userIds() != null
                ? simulation.dryRun(snapshot, body.proposed(), context, body.userIds().stream().distinct().toList())
                : simulation.dryRun(snapshot, body.proposed(), context, cursor, limit);
        return neighbour(run).map(page -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            List<Map<String, Object>> affected = page.affected().stream().map(c -> {
                counts.merge(c.impact().name(), 1L, Long::sum);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("userId", c.user().userId());
                row.put("username", c.user().username());
                row.put("impact", c.impact().name());
                row.put("current", summary(c.current()));
                row.put("proposed", summary(c.proposed()));
                return row;
            }).toList();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("currentVersion", snapshot.version());
            out.put("proposedVersion", body.proposed().version());
            out.put("scanned", page.scanned());
            out.put("counts", counts);
            out.put("affected", affected);
            out.put("cursor", "0".equals(page.nextCursor()) ? null : page.nextCursor());
            return out;
        });
    }

    private PolicySnapshot current() {
        return policies.current().orElseThrow(() -> ProblemException.unavailable("no policy snapshot has arrived yet"));
    }

    private static <T> Uni<T> neighbour(Uni<T> call) {
        return call.onFailure(f -> f instanceof NeighbourUnavailable || f instanceof NeighbourRejected
                        || f instanceof org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException)
                .transform(f -> ProblemException.unavailable("factor-service cannot list enrollments right now"));
    }

    private static RequestContext context(String orgId, String connectionId, String appId, String ip, boolean warn) {
        if (!blank(ip) && Cidr.parseAddress(ip.strip()).isEmpty()) {
            throw ProblemException.invalid("/ip", "must be an IPv4 or IPv6 address");
        }
        for (String[] field : new String[][] {{"/orgId", orgId}, {"/connectionId", connectionId}, {"/appId", appId}}) {
            if (field[1] != null && field[1].length() > 128) {
                throw ProblemException.invalid(field[0], "must be at most 128 characters");
            }
        }
        return new RequestContext(orgId, connectionId, appId, ip, warn);
    }

    /** The whole decision for the simulation. */
    static Map<String, Object> decision(Decision d) {
        Map<String, Object> out = summary(d);
        if (d instanceof Decision.Allowed a) {
            out.put("policyId", a.policyId());
            out.put("ruleId", a.ruleId());
            out.put("firstOffers", a.firstOffers());
            FlowPlan p = a.plan();
            Map<String, Object> plan = new LinkedHashMap<>();
            plan.put("orgId", p.orgId());
            plan.put("primary", p.primary().name());
            plan.put("chains", p.chains());
            plan.put("connectionKind", p.connectionKind().name());
            plan.put("mfaRequired", p.mfaRequired());
            plan.put("mfaMethods", p.mfaMethods());
            plan.put("enrollableMethods", p.enrollableMethods());
            plan.put("requiredEnrollments", p.requiredEnrollments());
            plan.put("enrolledTypes", p.enrolledTypes());
            plan.put("passwordState", p.passwordState().name());
            plan.put("sessionLifetimeSeconds", p.sessionLifetimeSeconds());
            out.put("plan", plan);
        }
        out.put("reasons", d.reasons().stream().map(PolicyResource::reason).toList());
        return out;
    }

    /** What a dry-run row shows of a decision. */
    static Map<String, Object> summary(Decision d) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (d instanceof Decision.Allowed a) {
            out.put("decision", "ALLOWED");
            out.put("mfaRequired", a.plan().mfaRequired());
            out.put("mfaMethods", a.plan().mfaMethods());
        } else if (d instanceof Decision.Refused r) {
            out.put("decision", "REFUSED");
            out.put("refusal", r.reason().name());
            out.put("refusalRule", r.reason().rule().name());
        } else {
            out.put("decision", "LOCKED_OUT");
        }
        return out;
    }

    private static Map<String, Object> reason(Reason r) {
        return Map.of("rule", r.rule().name(), "code", r.code(), "detail", r.detail());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
