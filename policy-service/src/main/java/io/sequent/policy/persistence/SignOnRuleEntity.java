package io.sequent.policy.persistence;

import io.sequent.events.policy.PolicySnapshot.RuleActions;
import io.sequent.events.policy.PolicySnapshot.RuleConditions;
import io.sequent.events.policy.PolicySnapshot.SignOnRule;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "sign_on_rule")
public class SignOnRuleEntity {

    @Id
    public String id;

    @Column(name = "policy_id", nullable = false)
    public String policyId;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public int priority;

    @Convert(converter = JsonConverters.Conditions.class)
    @Column(nullable = false)
    public RuleConditions conditions = RuleConditions.ANY;

    @Convert(converter = JsonConverters.Actions.class)
    @Column(nullable = false)
    public RuleActions actions;

    @Column(nullable = false)
    public long version;

    public SignOnRule toRule() {
        return new SignOnRule(id, name, priority, conditions, actions);
    }
}
