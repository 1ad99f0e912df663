import java.lang.management.ManagementFactory;

import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import com.sun.management.ThreadMXBean;
import com.sun.tools.attach.VirtualMachine;

/**
 * Prints, for each JVM process id given, the bytes its platform threads have allocated on
 * the heap since it started (virtual threads allocate on their carriers), one
 * {@code pid bytes} line each. bench/ab.sh reads it before and after a round to get the
 * bytes allocated per request. Run as {@code java bench/AllocProbe.java <pid>...}.
 */
public final class AllocProbe {

	private AllocProbe() {
	}

	public static void main(String[] args) throws Exception {
		for (String pid : args) {
			VirtualMachine vm = VirtualMachine.attach(pid);
			try {
				String address = vm.startLocalManagementAgent();
				try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
					MBeanServerConnection connection = connector.getMBeanServerConnection();
					ThreadMXBean threads = ManagementFactory.newPlatformMXBeanProxy(connection,
							ManagementFactory.THREAD_MXBEAN_NAME, ThreadMXBean.class);
					System.out.println(pid + " " + threads.getTotalThreadAllocatedBytes());
				}
			}
			finally {
				vm.detach();
			}
		}
	}

}
