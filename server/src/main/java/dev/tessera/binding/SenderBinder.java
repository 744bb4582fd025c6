package dev.tessera.binding;

import dev.tessera.protocol.PresentedRequest;
import dev.tessera.tenant.TenantSettings;
import java.util.Optional;

/**
 * One way a token request can bind its tokens to the sender: a DPoP proof (RFC 9449 §5) or the TLS
 * client certificate (RFC 8705 §3). Each binder says whether the request asks for its binding and
 * proves it, refuses a request whose proof fails with an {@code OAuthException}, or passes.
 */
public interface SenderBinder {
    /** The binding this request proves, empty when it does not ask for this kind. */
    Optional<SenderBinding> bind(TenantSettings settings, PresentedRequest request);
}
