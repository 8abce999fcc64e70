package cn.lianmeng.org.identity;

public enum AccountStatus {
    ACTIVE, DISABLED
}
