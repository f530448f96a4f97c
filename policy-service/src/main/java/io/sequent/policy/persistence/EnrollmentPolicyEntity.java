package io.sequent.policy.persistence;

import io.sequent.events.policy.PolicySnapshot.Enrollment;
import io.sequent.events.policy.PolicySnapshot.EnrollmentPolicy;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.List;
import java.util.Map;

@Entity
@Table(name = "enrollment_policy")
public class EnrollmentPolicyEntity {

    @Id
    public String id;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public int priority;

    @Convert(converter = JsonConverters.Strings.class)
    @Column(nullable = false)
    public List<String> groups = List.of();

    @Convert(converter = JsonConverters.Strings.class)
    @Column(nullable = false)
    public List<String> orgs = List.of();

    @Convert(converter = JsonConverters.EnrollmentFactors.class)
    @Column(nullable = false)
    public Map<String, Enrollment> factors = Map.of();

    @Column(nullable = false)
    public long version;

    public EnrollmentPolicy toPolicy() {
        return new EnrollmentPolicy(id, name, priority, groups, orgs, factors);
    }
}
