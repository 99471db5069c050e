package gt.dondelocompro.application.port.in;

/** The service's health: degraded when the store of record is expected but unreachable. */
public interface HealthUseCase {

    HealthReport health();
}
