package dev.ordersprofiles.adapters.inmemory;

import dev.ordersprofiles.application.port.OrderRepository;
import dev.ordersprofiles.application.port.OrderRepositoryContract;

class InMemoryOrderRepositoryTest extends OrderRepositoryContract {
    @Override
    protected OrderRepository newRepository() {
        return new InMemoryOrderRepository(STUCK_AFTER);
    }
}
