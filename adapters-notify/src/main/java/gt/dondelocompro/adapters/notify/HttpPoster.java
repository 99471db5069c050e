package gt.dondelocompro.adapters.notify;

import gt.dondelocompro.application.port.out.NotificationChannel.DeliveryException;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.Map;

/**
 * One POST to a receiver: the target vetted first ({@link PublicTargets}), redirects never followed (a 3xx is a
 * failure), at most {@code maxResponseBytes} of the answer read, any 2xx a delivery. Failure messages name the host
 * only: a webhook URL's path may be its secret.
 */
final class HttpPoster implements AutoCloseable {

    private final HttpClient client;
    private final PublicTargets targets;
    private final NotifySettings settings;

    HttpPoster(PublicTargets targets, NotifySettings settings) {
        this.targets = targets;
        this.settings = settings;
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(settings.connectTimeout())
                .build();
    }

    void post(URI url, String contentType, byte[] body, Map<String, String> headers) throws DeliveryException {
        var refused = targets.refusal(url);
        if (refused.isPresent()) {
            throw new DeliveryException("target refused: " + refused.get());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(settings.requestTimeout())
                .header("Content-Type", contentType)
                .header("User-Agent", settings.userAgent())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        try {
            HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                // enough to let a keep-alive connection be reused for small answers; never more
                in.readNBytes(settings.maxResponseBytes());
            }
            int status = response.statusCode();
            if (status < 200 || status > 299) {
                throw new DeliveryException(url.getHost() + " answered " + status);
            }
        } catch (HttpTimeoutException e) {
            throw new DeliveryException(url.getHost() + " did not answer within " + settings.requestTimeout().toMillis() + " ms");
        } catch (IOException e) {
            throw new DeliveryException(url.getHost() + " could not be reached: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("interrupted while delivering to " + url.getHost());
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
