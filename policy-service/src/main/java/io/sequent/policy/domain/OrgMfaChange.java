package io.sequent.policy.domain;

import io.sequent.events.policy.PolicySnapshot.MfaMode;
import io.sequent.events.policy.PolicySnapshot.OrgMfa;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Whether an org's MFA may change from {@code before} to {@code after} under the environment's mode (S10). */
public final class OrgMfaChange {

    private OrgMfaChange() {
    }

    /** The outcome of a proposed change. */
    public sealed interface Outcome permits Accepted, Refused {
    }

    /** Saved; the warnings go back to the admin. */
    public record Accepted(List<Warning> warnings) implements Outcome {
        public Accepted {
            warnings = List.copyOf(warnings);
        }
    }

    /** Refused (409); {@code setting} names what must change first. */
    public record Refused(String setting, String detail) implements Outcome {
        public Refused {
            Objects.requireNonNull(setting, "setting");
            Objects.requireNonNull(detail, "detail");
        }
    }

    public static Outcome check(MfaMode environment, OrgMfa before, OrgMfa after) {
        boolean turningOff = before != null && before.enforced() && !after.enforced();
        List<Warning> warnings = new ArrayList<>();
        if (turningOff) {
            if (environment == MfaMode.YES) {
                return new Refused("environment.mfa.mode",
                        "S10: org MFA cannot be switched off while the environment MFA mode is YES "
                                + "(/api/v1/environment/mfa); set the environment to NO or OPTIONAL first");
            }
            warnings.add(new Warning("S10", "org MFA is switched off: sign-ins in this organisation stop asking for MFA "
                    + "at once (environment mode " + environment + "); users already signing in with MFA are affected"));
        }
        if (after.enforced() && environment == MfaMode.YES) {
            warnings.add(new Warning("S7", "the environment MFA mode is YES: every sign-in needs MFA whatever this setting"));
        }
        return new Accepted(warnings);
    }

    /** Whether an org uses org-level MFA, the advanced feature that counts against the free quota (S12). */
    public static boolean usesOrgMfa(OrgMfa mfa) {
        return mfa != null && (mfa.enforced() || mfa.methods() != null || !mfa.exemptRoles().isEmpty()
                || !mfa.exemptConnections().isEmpty() || mfa.enforcePasswordExpiryWithoutPassword());
    }
}
