package dev.tessera.binding;

import dev.tessera.protocol.PresentedRequest;
import dev.tessera.tenant.TenantSettings;
import java.util.List;
import java.util.Optional;

/**
 * Decides the sender binding of the tokens a request gets ({@code GrantContext.binding}): the binders
 * run in order and the first that binds decides; none means a bearer token. A binder whose proof
 * fails refuses the request itself. Spec: RFC 9449 §5; RFC 8705 §3.
 */
public final class SenderBindingPolicy {
    /** No binders: every token is a bearer token. */
    public static final SenderBindingPolicy BEARER_ONLY = new SenderBindingPolicy(List.of());

    private final List<SenderBinder> binders;

    public SenderBindingPolicy(List<SenderBinder> binders) {
        this.binders = List.copyOf(binders);
    }

    public SenderBinding decide(TenantSettings settings, PresentedRequest request) {
        for (SenderBinder b : binders) {
            Optional<SenderBinding> bound = b.bind(settings, request);
            if (bound.isPresent()) return bound.get();
        }
        return SenderBinding.NONE;
    }
}
