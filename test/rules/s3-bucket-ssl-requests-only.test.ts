import { ruleTester } from '../helpers/rule-tester';
import { newResourceCases } from '../helpers/tls-policy-cases';

const DOC = ['Resources', 'BucketPolicy', 'Properties', 'PolicyDocument'];

const DENY = `
          - Sid: DenyInsecureTransport
            Effect: Deny
            Principal: '*'
            Action: 's3:*'
            Resource:
              - !GetAtt Bucket.Arn
              - !Sub '\${Bucket.Arn}/*'
            Condition:
              Bool:
                aws:SecureTransport: 'false'`;

ruleTester('s3-bucket-ssl-requests-only', {
  valid: [
    {
      name: 'policy by Ref with GetAtt Arn and Sub ${Bucket.Arn}/*',
      yaml: `
Resources:
  Bucket:
    Type: AWS::S3::Bucket
  BucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Bucket
      PolicyDocument:
        Statement:${DENY}
`,
    },
    {
      name: 'cdk synth enforceSSL statement (Fn::Join, AWS: *, BoolIfExists-free Bool false)',
      yaml: `
Resources:
  Bucket83908E77:
    Type: AWS::S3::Bucket
    UpdateReplacePolicy: Retain
    DeletionPolicy: Retain
  BucketPolicyE9A3008A:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket:
        Ref: Bucket83908E77
      PolicyDocument:
        Statement:
          - Action: s3:*
            Condition:
              Bool:
                aws:SecureTransport: "false"
            Effect: Deny
            Principal:
              AWS: "*"
            Resource:
              - Fn::GetAtt:
                  - Bucket83908E77
                  - Arn
              - Fn::Join:
                  - ""
                  - - Fn::GetAtt:
                        - Bucket83908E77
                        - Arn
                    - /*
        Version: "2012-10-17"
`,
    },
    {
      name: 'literal bucket name and literal ARNs, Bucket given by name',
      yaml: `
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: phi-intake-111122223333
  BucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: phi-intake-111122223333
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Deny
            Principal: { AWS: ['*'] }
            Action: ['s3:GetObject', 's3:*']
            Resource: ['arn:aws:s3:::phi-intake-111122223333', 'arn:aws:s3:::phi-intake-111122223333/*']
            Condition: { BoolIfExists: { 'aws:SecureTransport': false } }
`,
    },
    {
      name: 'Sub with AWS::Partition and Ref to the bucket, two statements (bucket, objects)',
      yaml: `
Resources:
  Bucket:
    Type: AWS::S3::Bucket
  BucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Bucket
      PolicyDocument:
        Statement:
          - Effect: Deny
            Principal: '*'
            Action: '*'
            Resource: !Sub 'arn:\${AWS::Partition}:s3:::\${Bucket}'
            Condition: { Bool: { 'aws:SecureTransport': 'false' } }
          - Effect: Deny
            Principal: '*'
            Action: '*'
            Resource: !Sub 'arn:\${AWS::Partition}:s3:::\${Bucket}/*'
            Condition: { Bool: { 'aws:SecureTransport': 'false' } }
`,
    },
    {
      name: 'Resource * covers everything',
      yaml: `
Resources:
  Bucket:
    Type: AWS::S3::Bucket
  BucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Bucket
      PolicyDocument:
        Statement:
          Effect: Deny
          Principal: '*'
          Action: 's3:*'
          Resource: '*'
          Condition: { Bool: { 'aws:SecureTransport': 'false' } }
`,
    },
    {
      name: 'deny below TLS 1.2 (NumericLessThan s3:TlsVersion)',
      yaml: `
Resources:
  Bucket:
    Type: AWS::S3::Bucket
  BucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Bucket
      PolicyDocument:
        Statement:
          - Effect: Deny
            Principal: '*'
            Action: 's3:*'
            Resource: [!GetAtt Bucket.Arn, !Join ['', [!GetAtt Bucket.Arn, '/*']]]
            Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } }
`,
    },
    {
      name: 'bucket name from a parameter Default, policy by the same parameter',
      yaml: `
Parameters:
  BucketNameParam:
    Type: String
    Default: phi-archive
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Ref BucketNameParam
  BucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref BucketNameParam
      PolicyDocument:
        Statement:
          - Effect: Deny
            Principal: '*'
            Action: 's3:*'
            Resource:
              - !Sub 'arn:aws:s3:::\${BucketNameParam}'
              - !Sub 'arn:aws:s3:::\${BucketNameParam}/*'
            Condition: { Bool: { 'aws:SecureTransport': 'false' } }
`,
    },
    {
      name: 'bucket name from a parameter without Default, matched by the same text',
      yaml: `
Parameters:
  BucketNameParam:
    Type: String
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub '\${BucketNameParam}-\${AWS::AccountId}'
  BucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Sub '\${BucketNameParam}-\${AWS::AccountId}'
      PolicyDocument:
        Statement:
          - Effect: Deny
            Principal: '*'
            Action: 's3:*'
            Resource: !Sub 'arn:\${AWS::Partition}:s3:::\${BucketNameParam}-\${AWS::AccountId}*'
            Condition: { Bool: { 'aws:SecureTransport': 'false' } }
`,
    },
    {
      name: 'policy and bucket under the same Condition, or one the bucket\'s Condition implies',
      yaml: `
Conditions:
  Archive: !Equals [!Ref 'AWS::Region', us-east-1]
  ArchiveToo: !Condition Archive
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Condition: Archive
  BucketPolicy:
    Type: AWS::S3::BucketPolicy
    Condition: ArchiveToo
    Properties:
      Bucket: !Ref Bucket
      PolicyDocument:
        Statement:${DENY}
`,
    },
    {
      name: 'policy document written as a JSON string',
      yaml: `
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: phi-docs
  BucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Bucket
      PolicyDocument: '{"Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::phi-docs", "arn:aws:s3:::phi-docs/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}'
`,
    },
    {
      name: 'Fn::Sub with a variable map naming the bucket',
      yaml: `
Resources:
  Bucket:
    Type: AWS::S3::Bucket
  BucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Bucket
      PolicyDocument:
        Statement:
          - Effect: Deny
            Principal: '*'
            Action: 's3:*'
            Resource:
              - !Sub ['arn:\${AWS::Partition}:s3:::\${Name}', { Name: !Ref Bucket }]
              - !Sub ['\${Arn}/*', { Arn: !GetAtt Bucket.Arn }]
            Condition: { Bool: { 'aws:SecureTransport': 'false' } }
`,
    },
    {
      name: 'suppressed with a reason',
      yaml: `
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Metadata:
      cfn-hipaa:
        suppress:
          - rule: s3-bucket-ssl-requests-only
            reason: Public website assets, never PHI (SEC-7)
`,
    },
  ],
  invalid: [
    {
      name: 'peer mistake: cfn_nag W51 accepts any policy (an Allow-only policy fails; fix appends to the block list)',
      yaml: `Resources:
  Bucket:
    Type: AWS::S3::Bucket
  BucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Bucket
      PolicyDocument:
        Statement:
          - Sid: AllowLogDelivery
            Effect: Allow
            Principal:
              Service: logging.s3.amazonaws.com
            Action: s3:PutObject
            Resource: !Sub '\${Bucket.Arn}/*'
`,
      findings: [{ messageId: 'noStatement', path: [...DOC, 'Statement'], severity: 'error', fix: 'safe' }],
      output: `Resources:
  Bucket:
    Type: AWS::S3::Bucket
  BucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Bucket
      PolicyDocument:
        Statement:
          - Sid: AllowLogDelivery
            Effect: Allow
            Principal:
              Service: logging.s3.amazonaws.com
            Action: s3:PutObject
            Resource: !Sub '\${Bucket.Arn}/*'
          - Sid: DenyInsecureTransport
            Effect: Deny
            Principal:
              AWS: '*'
            Action: s3:*
            Resource: [!GetAtt Bucket.Arn, !Sub '\${Bucket.Arn}/*']
            Condition:
              Bool:
                aws:SecureTransport: 'false'
`,
    },
    {
      name: 'flow list of statements: the fix appends in flow style',
      yaml: `Resources:
  Bucket:
    Type: AWS::S3::Bucket
  BucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Bucket
      PolicyDocument:
        Statement: [{ Effect: Allow, Principal: { AWS: !Ref 'AWS::AccountId' }, Action: 's3:GetObject', Resource: !Sub '\${Bucket.Arn}/*' }]
`,
      findings: [{ messageId: 'noStatement', path: [...DOC, 'Statement'], fix: 'safe' }],
    },
    {
      name: 'a single statement object becomes a list of the old and the new statement',
      yaml: `Resources:
  Bucket:
    Type: AWS::S3::Bucket
  BucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Bucket
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          Sid: DenyInsecureTransport
          Effect: Deny
          Principal: '*'
          Action: 's3:DeleteObject'
          Resource: !Sub '\${Bucket.Arn}/*'
`,
      findings: [{ messageId: 'noStatement', path: [...DOC, 'Statement'], fix: 'safe' }],
    },
    {
      name: 'partial: only the objects are covered',
      yaml: `Resources:
  Bucket:
    Type: AWS::S3::Bucket
  BucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Bucket
      PolicyDocument:
        Statement:
          - Effect: Deny
            Principal: '*'
            Action: 's3:*'
            Resource: !Sub 'arn:\${AWS::Partition}:s3:::\${Bucket}/*'
            Condition: { Bool: { 'aws:SecureTransport': 'false' } }
`,
      findings: [{ messageId: 'partial', path: [...DOC, 'Statement'], severity: 'error', fix: 'safe', message: 'its objects but not the bucket itself' }],
    },
    {
      name: 'partial: only the bucket ARN is covered',
      yaml: `Resources:
  Bucket:
    Type: AWS::S3::Bucket
  BucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Bucket
      PolicyDocument:
        Statement:
          - Effect: Deny
            Principal: '*'
            Action: 's3:*'
            Resource: !GetAtt Bucket.Arn
            Condition: { Bool: { 'aws:SecureTransport': 'false' } }
`,
      findings: [{ messageId: 'partial', path: [...DOC, 'Statement'], fix: 'safe', message: 'the bucket but not its objects' }],
    },
    {
      name: 'peer mistake: Guard does not check Principal, Action or Resource',
      yaml: `Resources:
  Bucket:
    Type: AWS::S3::Bucket
  BucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Bucket
      PolicyDocument:
        Statement:
          - Effect: Deny
            Principal: { AWS: 'arn:aws:iam::111122223333:role/Intake' }
            Action: 's3:*'
            Resource: [!GetAtt Bucket.Arn, !Sub '\${Bucket.Arn}/*']
            Condition: { Bool: { 'aws:SecureTransport': 'false' } }
          - Effect: Deny
            Principal: '*'
            Action: 's3:GetObject'
            Resource: [!GetAtt Bucket.Arn, !Sub '\${Bucket.Arn}/*']
            Condition: { Bool: { 'aws:SecureTransport': 'false' } }
          - Effect: Deny
            Principal: '*'
            Action: 's3:*'
            Resource: 'arn:aws:s3:::some-other-bucket/*'
            Condition: { Bool: { 'aws:SecureTransport': 'false' } }
`,
      findings: [{ messageId: 'noStatement', path: [...DOC, 'Statement'], fix: 'safe' }],
    },
    {
      name: 'SecureTransport true with Allow, or a Deny narrowed by another condition, does not count',
      yaml: `Resources:
  Bucket:
    Type: AWS::S3::Bucket
  BucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Bucket
      PolicyDocument:
        Statement:
          - Effect: Allow
            Principal: '*'
            Action: 's3:*'
            Resource: [!GetAtt Bucket.Arn, !Sub '\${Bucket.Arn}/*']
            Condition: { Bool: { 'aws:SecureTransport': 'true' } }
          - Effect: Deny
            Principal: '*'
            Action: 's3:*'
            Resource: [!GetAtt Bucket.Arn, !Sub '\${Bucket.Arn}/*']
            Condition:
              Bool: { 'aws:SecureTransport': 'false' }
              StringEquals: { 'aws:PrincipalAccount': '111122223333' }
`,
      findings: [{ messageId: 'noStatement', path: [...DOC, 'Statement'], fix: 'safe' }],
    },
    {
      name: 'the Deny statement exists only under a condition (Fn::If item)',
      yaml: `Conditions:
  Strict: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
  Bucket:
    Type: AWS::S3::Bucket
  BucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Bucket
      PolicyDocument:
        Statement:
          - !If
            - Strict
            - Sid: DenyInsecureTransport
              Effect: Deny
              Principal: '*'
              Action: 's3:*'
              Resource: [!GetAtt Bucket.Arn, !Sub '\${Bucket.Arn}/*']
              Condition: { Bool: { 'aws:SecureTransport': 'false' } }
            - !Ref AWS::NoValue
`,
      findings: [{ messageId: 'noStatement', path: [...DOC, 'Statement'], fix: 'safe' }],
    },
    {
      name: 'policy document chosen with Fn::If: the branch without the statement fails, no fix',
      yaml: `Conditions:
  Strict: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
  Bucket:
    Type: AWS::S3::Bucket
  BucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Bucket
      PolicyDocument: !If
        - Strict
        - Statement:${DENY.replace(/\n {10}/g, '\n              ')}
        - Statement:
            - Effect: Allow
              Principal: { AWS: !Ref 'AWS::AccountId' }
              Action: 's3:GetObject'
              Resource: !Sub '\${Bucket.Arn}/*'
`,
      findings: [{ messageId: 'noStatement', path: [...DOC, 'Statement'], fix: 'none', message: 'This applies when condition Strict is false' }],
    },
    {
      name: 'the policy has a Condition the bucket does not: the bucket is unprotected when it is false',
      yaml: `Conditions:
  Strict: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
  Bucket:
    Type: AWS::S3::Bucket
  BucketPolicy:
    Type: AWS::S3::BucketPolicy
    Condition: Strict
    Properties:
      Bucket: !Ref Bucket
      PolicyDocument:
        Statement:${DENY}
`,
      findings: [{ messageId: 'policyConditional', path: ['Resources', 'BucketPolicy', 'Condition'], severity: 'error', fix: 'none' }],
    },
    {
      name: 'odd shapes do not crash: Statement is a string, Principal a list, Condition a list',
      yaml: `Resources:
  Bucket:
    Type: AWS::S3::Bucket
  BucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Bucket
      PolicyDocument:
        Statement: not-a-statement
  Bucket2:
    Type: AWS::S3::Bucket
  Bucket2Policy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Bucket2
      PolicyDocument:
        Statement:
          - Effect: Deny
            Principal: ['*']
            Action: 7
            Resource: [[!GetAtt Bucket2.Arn]]
            Condition: [Bool]
`,
      findings: [
        { messageId: 'noStatement', path: [...DOC, 'Statement'], fix: 'none' },
        { messageId: 'noStatement', path: ['Resources', 'Bucket2Policy', 'Properties', 'PolicyDocument', 'Statement'], fix: 'safe' },
      ],
    },
    {
      name: 'policy whose Bucket is imported: unverifiable',
      yaml: `Resources:
  Bucket:
    Type: AWS::S3::Bucket
  BucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !ImportValue shared-bucket-name
      PolicyDocument:
        Statement:${DENY.replace(/Bucket\.Arn/g, 'Other.Arn')}
`,
      findings: [{ messageId: 'unverifiable', path: ['Resources', 'Bucket'], severity: 'info', fix: 'none' }],
    },
    {
      name: 'policy document imported: unverifiable',
      yaml: `Resources:
  Bucket:
    Type: AWS::S3::Bucket
  BucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Bucket
      PolicyDocument: !ImportValue shared-policy
`,
      findings: [{ messageId: 'unverifiable', path: DOC, severity: 'info', fix: 'none' }],
    },
  ],
});

// The rule tester's ownership check rejects a JSON fix that only adds a resource (the JSON renderer
// inserts it inside Resources' braces, before the range the tester allows), so the fixes that add
// a policy are checked here with the same assertions and the right range.
newResourceCases('s3-bucket-ssl-requests-only', [
    {
      name: 'peer mistake: Guard passes a bucket with no policy (safe fix adds one)',
      yaml: `Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      VersioningConfiguration:
        Status: Enabled
`,
      findings: [{ messageId: 'noPolicy', path: ['Resources', 'Bucket'], severity: 'error', fix: 'safe' }],
      output: `Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      VersioningConfiguration:
        Status: Enabled
  BucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket:
        Ref: Bucket
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Sid: DenyInsecureTransport
            Effect: Deny
            Principal:
              AWS: '*'
            Action: s3:*
            Resource:
              - Fn::GetAtt: [Bucket, Arn]
              - Fn::Sub: \${Bucket.Arn}/*
            Condition:
              Bool:
                aws:SecureTransport: 'false'
`,
    },
    {
      name: 'conditional bucket: the new policy gets the same Condition, and a free logical id',
      yaml: `Conditions:
  Archive: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Condition: Archive
  BucketPolicy:
    Type: AWS::SNS::Topic
`,
      findings: [{ messageId: 'noPolicy', path: ['Resources', 'Bucket'], fix: 'safe' }],
      output: `Conditions:
  Archive: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Condition: Archive
  BucketPolicy:
    Type: AWS::SNS::Topic
  BucketPolicy2:
    Type: AWS::S3::BucketPolicy
    Condition: Archive
    Properties:
      Bucket: !Ref Bucket
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Sid: DenyInsecureTransport
            Effect: Deny
            Principal:
              AWS: '*'
            Action: s3:*
            Resource: [!GetAtt Bucket.Arn, !Sub '\${Bucket.Arn}/*']
            Condition:
              Bool:
                aws:SecureTransport: 'false'
`,
    },
    {
      name: 'a policy for a bucket outside the template does not protect this one',
      yaml: `Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: phi-intake
  OtherPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: some-other-bucket
      PolicyDocument:
        Statement:
          - Effect: Deny
            Principal: '*'
            Action: 's3:*'
            Resource: '*'
            Condition: { Bool: { 'aws:SecureTransport': 'false' } }
`,
      findings: [{ messageId: 'noPolicy', path: ['Resources', 'Bucket'], fix: 'safe' }],
    },
]);
