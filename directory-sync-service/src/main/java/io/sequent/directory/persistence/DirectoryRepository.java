package io.sequent.directory.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class DirectoryRepository implements PanacheRepositoryBase<DirectoryEntity, UUID> {

    public Uni<DirectoryEntity> findByName(String name) {
        return find("lower(name) = lower(?1)", name).firstResult();
    }

    public Uni<List<DirectoryEntity>> all() {
        return listAll(Sort.by("name"));
    }

    public Uni<List<DirectoryEntity>> scheduled() {
        return list("scheduleEnabled = true");
    }
}
