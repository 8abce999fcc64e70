package cn.lianmeng.org.transfer;

/**
 * REQUESTED (by the sending side) → CONFIRMED (by the receiving side) → COMPLETED (the member moved), or REQUESTED →
 * REJECTED (receiving side, with a reason) / CANCELLED (sending side). REQUESTED and CONFIRMED are open.
 */
public enum TransferStatus {
    REQUESTED("待接收方确认"), CONFIRMED("已确认，办理中"), COMPLETED("已完成"), REJECTED("已退回"), CANCELLED("已撤回");

    private final String label;

    TransferStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean open() {
        return this == REQUESTED || this == CONFIRMED;
    }
}
