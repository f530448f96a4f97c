package io.sequent.factor.persistence;

import io.sequent.factor.domain.FactorType;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Factor types are stored by their wire name ({@code token:software:totp}), as the API shows them. */
@Converter
public class FactorTypeConverter implements AttributeConverter<FactorType, String> {
    @Override
    public String convertToDatabaseColumn(FactorType type) {
        return type == null ? null : type.wireName();
    }

    @Override
    public FactorType convertToEntityAttribute(String name) {
        return name == null ? null : FactorType.fromWireName(name)
                .orElseThrow(() -> new IllegalStateException("unknown factor type in the database"));
    }
}
