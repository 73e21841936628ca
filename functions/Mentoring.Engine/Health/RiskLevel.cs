namespace Mentoring.Engine.Health;

public enum RiskLevel
{
    Healthy,
    Watch,
    AtRisk,
    Dormant,
}
