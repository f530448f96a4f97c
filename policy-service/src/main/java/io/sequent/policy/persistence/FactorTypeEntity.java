package io.sequent.policy.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "factor_type")
public class FactorTypeEntity {

    @Id
    public String type;

    @Column(nullable = false)
    public int position;

    @Column(nullable = false)
    public boolean active;

    @Column(nullable = false)
    public long version;
}
