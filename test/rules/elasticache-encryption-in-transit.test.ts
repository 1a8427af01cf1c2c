import { ruleTester } from '../helpers/rule-tester';

const P = ['Resources', 'Rg', 'Properties'];

ruleTester('elasticache-encryption-in-transit', {
  valid: [
    {
      name: 'replication group with TLS required by default',
      yaml: `
Resources:
  Rg:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties:
      ReplicationGroupDescription: phi cache
      TransitEncryptionEnabled: true
`,
    },
    {
      name: 'explicit required mode, flag as a string from a parameter Default',
      yaml: `
Parameters:
  Tls:
    Type: String
    AllowedValues: ['true', 'false']
    Default: 'true'
Resources:
  Rg:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties:
      ReplicationGroupDescription: phi cache
      Engine: valkey
      TransitEncryptionEnabled: !Ref Tls
      TransitEncryptionMode: required
`,
    },
    {
      name: 'memcached cache cluster with TLS',
      yaml: `
Resources:
  Cc:
    Type: AWS::ElastiCache::CacheCluster
    Properties:
      Engine: memcached
      CacheNodeType: cache.t4g.small
      NumCacheNodes: 1
      TransitEncryptionEnabled: true
`,
    },
    {
      name: 'serverless caches always use TLS (not checked)',
      yaml: `
Resources:
  Cache:
    Type: AWS::ElastiCache::ServerlessCache
    Properties:
      ServerlessCacheName: phi
      Engine: valkey
`,
    },
    {
      name: 'suppressed with a reason',
      yaml: `
Resources:
  Rg:
    Type: AWS::ElastiCache::ReplicationGroup
    Metadata:
      cfn-hipaa:
        suppress:
          - rule: elasticache-encryption-in-transit
            reason: Rate-limit counters only, never PHI (SEC-118)
    Properties:
      ReplicationGroupDescription: counters
`,
    },
  ],
  invalid: [
    {
      name: 'absent flag: plaintext (default false)',
      yaml: `
Resources:
  Rg:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties:
      ReplicationGroupDescription: phi cache
      Engine: redis
`,
      findings: [{ messageId: 'notEnabled', path: [...P, 'TransitEncryptionEnabled'], severity: 'error', fix: 'suggest', message: 'replication group Rg' }],
    },
    {
      name: 'explicit false',
      yaml: `
Resources:
  Rg:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties:
      ReplicationGroupDescription: phi cache
      TransitEncryptionEnabled: false
`,
      findings: [{ messageId: 'disabled', path: [...P, 'TransitEncryptionEnabled'], severity: 'error', fix: 'suggest' }],
    },
    {
      name: 'preferred mode accepts plaintext: hardening',
      yaml: `
Resources:
  Rg:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties:
      ReplicationGroupDescription: phi cache
      TransitEncryptionEnabled: true
      TransitEncryptionMode: preferred
`,
      findings: [{ messageId: 'preferredMode', path: [...P, 'TransitEncryptionMode'], severity: 'warning', fix: 'suggest' }],
    },
    {
      name: 'flag from a parameter default false: the fix changes the Default',
      yaml: `
Parameters:
  Tls:
    Type: String
    AllowedValues: ['true', 'false']
    Default: 'false'
Resources:
  Rg:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties:
      ReplicationGroupDescription: phi cache
      TransitEncryptionEnabled: !Ref Tls
`,
      findings: [{ messageId: 'disabled', path: [...P, 'TransitEncryptionEnabled'], severity: 'error', fix: 'suggest' }],
    },
    {
      name: 'parameter without Default: each allowed value judged',
      yaml: `
Parameters:
  Tls:
    Type: String
    AllowedValues: ['true', 'false']
Resources:
  Rg:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties:
      ReplicationGroupDescription: phi cache
      TransitEncryptionEnabled: !Ref Tls
`,
      findings: [{ messageId: 'disabled', path: [...P, 'TransitEncryptionEnabled'], severity: 'error', fix: 'suggest', message: 'allowed value' }],
    },
    {
      name: 'Fn::If: plaintext in one branch',
      yaml: `
Conditions:
  Prod: !Equals [!Ref 'AWS::AccountId', '111122223333']
Resources:
  Rg:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties:
      ReplicationGroupDescription: phi cache
      TransitEncryptionEnabled: !If [Prod, true, !Ref 'AWS::NoValue']
`,
      findings: [{ messageId: 'disabled', path: [...P, 'TransitEncryptionEnabled', 'Fn::If', 2], severity: 'error', fix: 'suggest', message: 'removed under a condition' }],
    },
    {
      name: 'Fn::ImportValue: unverifiable',
      yaml: `
Resources:
  Rg:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties:
      ReplicationGroupDescription: phi cache
      TransitEncryptionEnabled: !ImportValue shared-tls
`,
      findings: [{ messageId: 'unverifiable', path: [...P, 'TransitEncryptionEnabled'], severity: 'info' }],
    },
    {
      name: 'peer mistake: cfn-lint E3704 only requires the property for valkey (a redis group without it is plaintext)',
      yaml: `
Resources:
  Rg:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties:
      ReplicationGroupDescription: phi cache
      Engine: redis
      AtRestEncryptionEnabled: true
`,
      findings: [{ messageId: 'notEnabled', path: [...P, 'TransitEncryptionEnabled'], severity: 'error', fix: 'suggest' }],
    },
    {
      name: 'cache cluster without TLS',
      yaml: `
Resources:
  Cc:
    Type: AWS::ElastiCache::CacheCluster
    Properties:
      Engine: memcached
      CacheNodeType: cache.t4g.small
      NumCacheNodes: 1
`,
      findings: [{ messageId: 'notEnabled', path: ['Resources', 'Cc', 'Properties', 'TransitEncryptionEnabled'], severity: 'error', fix: 'suggest', message: 'cache cluster Cc' }],
    },
  ],
});
