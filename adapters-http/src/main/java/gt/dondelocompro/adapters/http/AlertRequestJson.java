package gt.dondelocompro.adapters.http;

import gt.dondelocompro.application.port.in.CreateAlertCommand;
import gt.dondelocompro.domain.alert.AlertChannel;
import gt.dondelocompro.domain.alert.AlertRule;
import gt.dondelocompro.domain.alert.AlertTarget;

import java.math.BigDecimal;
import java.net.URI;

/**
 * The body of {@code POST /alerts}: {@code {target: {catalog_product_id} | {product_id}, rule: {below_price} |
 * {drop_percent} | {back_in_stock: true}, channel: {webhook} | {ntfy} | {email}}}, each with exactly one member; each
 * refusal is a 400 naming the field ({@code target}, {@code rule.below_price}, {@code channel.webhook} ...).
 */
record AlertRequestJson(Target target, Rule rule, Channel channel) {

    record Target(Long catalogProductId, Long productId) {
    }

    record Rule(BigDecimal belowPrice, BigDecimal dropPercent, Boolean backInStock) {
    }

    record Channel(String webhook, String ntfy, String email) {
    }

    CreateAlertCommand toCommand() {
        return new CreateAlertCommand(toTarget(), toRule(), toChannel());
    }

    private AlertTarget toTarget() {
        if (target == null) {
            throw ProblemException.badRequest("target", "is required: {\"catalog_product_id\": N} or {\"product_id\": N}");
        }
        if ((target.catalogProductId() == null) == (target.productId() == null)) {
            throw ProblemException.badRequest("target", "must have exactly one of catalog_product_id and product_id");
        }
        return target.catalogProductId() != null ? new AlertTarget.CatalogProduct(target.catalogProductId())
                : new AlertTarget.StoreProduct(target.productId());
    }

    private AlertRule toRule() {
        if (rule == null) {
            throw ProblemException.badRequest("rule", "is required: {\"below_price\": 450.00}, {\"drop_percent\": 10} or {\"back_in_stock\": true}");
        }
        int given = (rule.belowPrice() != null ? 1 : 0) + (rule.dropPercent() != null ? 1 : 0) + (rule.backInStock() != null ? 1 : 0);
        if (given != 1) {
            throw ProblemException.badRequest("rule", "must have exactly one of below_price, drop_percent and back_in_stock");
        }
        if (rule.belowPrice() != null) {
            return new AlertRule.BelowPrice(rule.belowPrice());
        }
        if (rule.dropPercent() != null) {
            return new AlertRule.DropPercent(rule.dropPercent());
        }
        if (!rule.backInStock()) {
            throw ProblemException.badRequest("rule.back_in_stock", "must be true");
        }
        return new AlertRule.BackInStock();
    }

    private AlertChannel toChannel() {
        if (channel == null) {
            throw ProblemException.badRequest("channel", "is required: {\"webhook\": url}, {\"ntfy\": url} or {\"email\": address}");
        }
        int given = (channel.webhook() != null ? 1 : 0) + (channel.ntfy() != null ? 1 : 0) + (channel.email() != null ? 1 : 0);
        if (given != 1) {
            throw ProblemException.badRequest("channel", "must have exactly one of webhook, ntfy and email");
        }
        if (channel.webhook() != null) {
            return new AlertChannel.Webhook(url(channel.webhook(), "channel.webhook"));
        }
        if (channel.ntfy() != null) {
            return new AlertChannel.Ntfy(url(channel.ntfy(), "channel.ntfy"));
        }
        return new AlertChannel.Email(channel.email());
    }

    private static URI url(String text, String field) {
        if (text.length() > AlertChannel.MAX_URL_LENGTH) {
            throw ProblemException.badRequest(field, "must be at most " + AlertChannel.MAX_URL_LENGTH + " characters");
        }
        return AlertChannel.parseUrl(text, field);
    }
}
