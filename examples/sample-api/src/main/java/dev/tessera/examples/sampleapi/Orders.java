package dev.tessera.examples.sampleapi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The orders of each tenant, in memory (the latest 100 per tenant). */
final class Orders {
    private static final int KEEP = 100;

    private final Map<String, List<Map<String, Object>>> byTenant = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    List<Map<String, Object>> list(String tenant) {
        List<Map<String, Object>> orders = byTenant.get(tenant);
        if (orders == null) return List.of();
        synchronized (orders) {
            return new ArrayList<>(orders);
        }
    }

    Map<String, Object> add(String tenant, String item, String createdBy) {
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("id", ids.incrementAndGet());
        order.put("item", item);
        order.put("createdBy", createdBy);
        List<Map<String, Object>> orders = byTenant.computeIfAbsent(tenant, t -> new ArrayList<>());
        synchronized (orders) {
            orders.add(order);
            if (orders.size() > KEEP) orders.remove(0);
        }
        return order;
    }
}
