package io.sequent.policy.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.sequent.events.EventCodec;
import io.sequent.policy.api.Views.AuditEntryView;
import io.sequent.policy.persistence.AuditEntryEntity;
import io.sequent.policy.persistence.AuditEntryRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Reads the record of admin changes. */
@ApplicationScoped
public class AuditService {

    private final AuditEntryRepository audit;

    public AuditService(AuditEntryRepository audit) {
        this.audit = audit;
    }

    @WithSession
    public Uni<List<AuditEntryView>> page(String targetType, String targetId, int offset, int limit) {
        return audit.page(targetType, targetId, offset, limit).map(list -> list.stream().map(AuditService::view).toList());
    }

    private static AuditEntryView view(AuditEntryEntity e) {
        return new AuditEntryView(e.id, e.at, e.actor, e.action, e.targetType, e.targetId, tree(e.before), tree(e.after),
                e.snapshotVersion);
    }

    private static JsonNode tree(String json) {
        try {
            return json == null ? null : EventCodec.mapper().readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored audit state is not JSON", e);
        }
    }
}
