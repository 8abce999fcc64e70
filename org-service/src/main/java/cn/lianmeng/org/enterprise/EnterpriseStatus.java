package cn.lianmeng.org.enterprise;

/** 成员状态: leaving keeps history and blocks logins, as does suspension. */
public enum EnterpriseStatus {
    ACTIVE, SUSPENDED, LEFT
}
