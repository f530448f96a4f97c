package io.sequent.policy.persistence;

import io.sequent.events.policy.PolicySnapshot.PolicyType;
import io.sequent.events.policy.PolicySnapshot.SignOnPolicy;
import io.sequent.events.policy.PolicySnapshot.SignOnRule;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.List;

@Entity
@Table(name = "sign_on_policy")
public class SignOnPolicyEntity {

    @Id
    public String id;

    @Column(nullable = false)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public PolicyType type;

    @Column(name = "app_id")
    public String appId;

    @Column(nullable = false)
    public int priority;

    @Convert(converter = JsonConverters.Strings.class)
    @Column(nullable = false)
    public List<String> groups = List.of();

    @Column(nullable = false)
    public long version;

    public SignOnPolicy toPolicy(List<SignOnRule> rules) {
        return new SignOnPolicy(id, name, type, appId, priority, groups, rules);
    }
}
